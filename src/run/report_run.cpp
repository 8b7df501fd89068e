#include "attune/run/report_run.h"

#include <string>

#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"

namespace attune {

namespace {

// Output that goes nowhere: the report needs the scoring run's summary, not its rows (which are
// formatted, as score's are, and dropped, so that memory stays flat).
class DiscardSink : public OutputSink {
 public:
  void write(std::string_view) override {}
  void commit() override {}
  const std::string& name() const override { return name_; }

 private:
  std::string name_ = "<discarded>";
};

}  // namespace

ReportResults run_report(const Instrument& instrument, const OpenResponses& open, const ReportOptions& options,
                         const ScoreHooks& hooks) {
  ReportResults results;
  {
    ScoreOptions scoring = options.score;
    scoring.summary = true;
    auto source = open();
    if (scoring.classify && instrument.classification && instrument.classification->dimensional()) {
      results.plane.emplace(run_plane(instrument, *source, scoring, hooks));
      results.score = results.plane->report;
    } else {
      DiscardSink discard;
      auto rows = make_writer(Format::csv, discard);
      results.score = run_score(instrument, *source, *rows, scoring, hooks);
    }
  }
  if (options.score.flags) results.quality = options.score.flags->matched_flags();
  auto source = open();
  results.analysis = run_analysis(instrument, *source, options.analysis);
  return results;
}

std::optional<double> dimension_correlation(const Instrument& instrument, const AnalysisReport& analysis) {
  if (!instrument.classification || !instrument.classification->dimensional() || !analysis.correlations) {
    return std::nullopt;
  }
  auto position = [&](const std::string& id) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < analysis.scales.size(); ++i) {
      if (analysis.scales[i].name == id) return i;
    }
    return std::nullopt;
  };
  auto anxiety = position(instrument.classification->anxiety);
  auto avoidance = position(instrument.classification->avoidance);
  if (!anxiety || !avoidance) return std::nullopt;
  return analysis.correlations->observed(*anxiety, *avoidance);
}

}  // namespace attune
