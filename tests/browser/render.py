#!/usr/bin/env python3
"""Browser test: headless Chromium renders `attune report`'s HTML and `attune plot`'s SVG as a
person would see them.

For each page: Chromium's console shows no message (the pages have no script, and every
resource is inline, so any console line is a fault: a failed load, a parse error), the
screenshot is not blank (more than one colour, some dark pixels: text), and the DOM Chromium
built holds the four region labels (secure, preoccupied, dismissing, fearful) as text. Printing
to PDF must work too. Without Chromium the test says SKIPPED and exits 77 (CTest's
SKIP_RETURN_CODE); the README's test command installs it (Debian `chromium`).

Usage: render.py ATTUNE SOURCE_DIR [--report-png PATH]   (PATH: also save the report's
full-page screenshot there, cropped to its content, as docs/report.png is made)
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

LABELS = ("secure", "preoccupied", "dismissing", "fearful")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def decode_png(data):
    """(width, height, rows of RGB(A) pixel bytes) of an 8-bit RGB or RGBA PNG (ISO 15948)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                fail(f"unexpected PNG format (bit depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):   # the five filters of ISO 15948 9.2
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(row))
        previous = row
    return width, height, channels, rows


def encode_png(width, channels, rows):
    """An 8-bit RGB(A) PNG of `rows` (no filter)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2 if channels == 3 else 6, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def chromium_command():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def run_chromium(browser, profile, url, *options):
    """Chromium's stdout and stderr for one headless run."""
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
               "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
               "--host-resolver-rules=MAP * ~NOTFOUND",   # nothing may come from the network
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *options, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        fail(f"chromium exited {done.returncode} on {url}:\n{done.stderr[-2000:]}")
    return done.stdout, done.stderr


def console_lines(stderr):
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[(:]", line)]


def check_page(browser, work, path, name, window, png_out=None):
    url = "file://" + os.path.abspath(path)
    profile = os.path.join(work, "profile-" + name)
    screenshot = os.path.join(work, name + ".png")
    _, stderr = run_chromium(browser, profile, url, f"--window-size={window}", f"--screenshot={screenshot}")
    dom, stderr_dom = run_chromium(browser, profile, url, "--dump-dom")
    console = console_lines(stderr) + console_lines(stderr_dom)
    if console:
        fail(f"{name}: console messages:\n" + "\n".join(console))
    width, height, channels, rows = decode_png(open(screenshot, "rb").read())
    colours, dark = set(), 0
    for row in rows[::4]:
        for x in range(0, width * channels, channels * 4):
            pixel = row[x:x + 3]
            colours.add(pixel)
            dark += sum(pixel) < 200
    if len(colours) < 2:
        fail(f"{name}: the screenshot is one colour: nothing rendered")
    if dark == 0:
        fail(f"{name}: the screenshot has no dark pixel: no text rendered")
    text = re.sub(r"<[^>]*>", " ", dom)
    missing = [label for label in LABELS if not re.search(r"\b" + label + r"\b", text)]
    if missing:
        fail(f"{name}: the rendered DOM lacks the region labels {missing}")
    print(f"ok: {name}: {width}x{height} screenshot, {len(colours)} colours sampled, no console message, "
          f"the four region labels in the DOM")
    if png_out:   # the page's content: trailing white rows cropped, a margin kept
        last = max((y for y, row in enumerate(rows) if row.count(b"\xff") < len(row)), default=0)
        with open(png_out, "wb") as out:
            out.write(encode_png(width, channels, rows[:min(height, last + 24)]))
        print(f"saved {png_out} ({width}x{min(height, last + 24)})")


def main():
    attune, source = sys.argv[1], sys.argv[2]
    png_out = sys.argv[sys.argv.index("--report-png") + 1] if "--report-png" in sys.argv else None
    browser = chromium_command()
    if browser is None:
        print("SKIPPED: chromium is not installed (apt-get install -y chromium); the browser test did not run")
        sys.exit(77)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", ATTUNE_INSTRUMENT_PATH=os.path.join(source, "instruments"),
               NO_COLOR="1")
    data = os.path.join(source, "examples", "ecr-r.csv")
    with tempfile.TemporaryDirectory() as work:
        report = os.path.join(work, "report.html")
        subprocess.run([attune, "report", "-i", "ecr-r", data, "--borderline", "-o", report], env=env, check=True)
        check_page(browser, work, report, "report", "1100,5200" if png_out else "1100,1400", png_out)
        pdf = os.path.join(work, "report.pdf")
        run_chromium(browser, os.path.join(work, "profile-pdf"), "file://" + report, f"--print-to-pdf={pdf}",
                     "--no-pdf-header-footer")
        if not open(pdf, "rb").read(5) == b"%PDF-":
            fail("printing the report to PDF gave no PDF")
        print(f"ok: report printed to PDF ({os.path.getsize(pdf)} bytes)")
        plane = os.path.join(work, "plane.svg")
        if subprocess.run([attune, "plot", "--help"], capture_output=True, env=env).returncode != 0:
            fail("attune plot is not there to render")
        subprocess.run([attune, "plot", "-i", "ecr-r", data, "-o", plane], env=env, check=True)
        check_page(browser, work, plane, "plot", "900,900")


if __name__ == "__main__":
    main()
