"""pandas_score.py: the pandas peer of the benchmark harness (bench/run).

    /usr/bin/python3 bench/pandas_score.py score INPUT.csv OUTPUT.csv  # read_csv + keyed means + to_csv
    /usr/bin/python3 bench/pandas_score.py alpha INPUT.csv OUTPUT.csv  # read_csv + Cronbach's alpha

The key is the one bench/psych_score.R uses (ECR-R, Fraley, Waller & Brennan 2000):
anxiety = items 1-18 with 9 and 11 reversed; avoidance = items 19-36 with 20, 22, 26-31 and
33-36 reversed; responses 1..7, so a reversed answer x counts as 8 - x. A scale score is the
mean of the answered items (psych::scoreItems with impute="none").

The alpha mode follows psych::alpha's definitions: raw alpha from the pairwise-complete
covariance matrix C of the keyed items, k/(k-1) * (1 - trace(C)/sum(C)) (Cronbach 1951);
std alpha the same from cov2cor(C); average_r the mean off-diagonal correlation;
mean and sd of the per-respondent means of answered items.
"""

import sys

import numpy as np
import pandas as pd

KEYS = {
    "anxiety": (range(1, 19), {9, 11}),
    "avoidance": (range(19, 37), {20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36}),
}


def keyed_items(responses, scale):
    """The scale's items with reversed items turned around (8 - x)."""
    numbers, reversed_numbers = KEYS[scale]
    columns = {}
    for number in numbers:
        column = responses[f"Q{number}"]
        columns[f"Q{number}"] = 8 - column if number in reversed_numbers else column
    return pd.DataFrame(columns)


def alpha_of(matrix):
    """k/(k-1) * (1 - trace/sum) of a covariance or correlation matrix (Cronbach 1951)."""
    k = matrix.shape[0]
    return k / (k - 1) * (1 - np.trace(matrix) / matrix.sum())


def main(argv):
    if len(argv) != 4 or argv[1] not in ("score", "alpha"):
        sys.stderr.write("usage: pandas_score.py score|alpha INPUT.csv OUTPUT.csv\n")
        return 2
    mode, input_path, output_path = argv[1:]
    responses = pd.read_csv(input_path)
    if mode == "score":
        result = pd.DataFrame({"id": responses["id"]})
        for scale in KEYS:
            result[scale] = keyed_items(responses, scale).mean(axis=1, skipna=True)
        result.to_csv(output_path, index=False)
    else:
        rows = []
        for scale in KEYS:
            items = keyed_items(responses, scale)
            covariance = items.cov().to_numpy()
            scale_sd = np.sqrt(np.diag(covariance))
            correlation = covariance / np.outer(scale_sd, scale_sd)  # R's cov2cor, as psych
            k = correlation.shape[0]
            person_means = items.mean(axis=1, skipna=True)
            rows.append({
                "scale": scale,
                "raw_alpha": alpha_of(covariance),
                "std_alpha": alpha_of(correlation),
                "average_r": (correlation.sum() - np.trace(correlation)) / (k * (k - 1)),
                "mean": person_means.mean(),
                "sd": person_means.std(),
            })
        pd.DataFrame(rows).to_csv(output_path, index=False, float_format="%.17g")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
