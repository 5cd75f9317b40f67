"""The report does not depend on the thread count of the run: the pages of run files that differ
only in --threads are identical once the run file's own path is taken out.

    compare_reports.py FUPIN OUT_DIR RUN_FILE...
"""
import os
import subprocess
import sys


def main():
    fupin, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    pages = []
    for k, path in enumerate(files):
        html = os.path.join(out_dir, f"report_{k}.html")
        subprocess.run([fupin, "report", path, "-o", html], check=True, capture_output=True)
        with open(html, encoding="utf-8") as f:
            page = f.read()
        if path not in page:
            print(f"{html} does not name its run file {path}")
            return 1
        pages.append(page.replace(path, "RUN_FILE"))
    different = [files[k] for k in range(1, len(pages)) if pages[k] != pages[0]]
    if different:
        print(f"reports differ from the report of {files[0]}: {different}")
        return 1
    print(f"{len(pages)} reports identical ({len(pages[0])} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
