"""`reportbot load` on a folder of every format, good and broken: each broken file is named with
its reason, the good ones are indexed and answer, exit status 1."""
from __future__ import annotations

import subprocess
from pathlib import Path

from bot.bench.writers.docx import write_docx
from bot.bench.writers.html import write_html
from bot.bench.writers.pdf import write_pdf
from tests.conftest import reportbot_cmd
from tests.report_blocks import JINJIANG_2024, LICHENG_2024, seed_blocks


def test_folder_of_mixed_files(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    pdf = write_pdf(seed_blocks(JINJIANG_2024))
    (folder / "jinjiang.pdf").write_bytes(pdf)
    (folder / "licheng.docx").write_bytes(write_docx(seed_blocks(LICHENG_2024)))
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "empty.docx").write_bytes(b"")
    (folder / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    (folder / "notice.html").write_bytes(write_html(["关于开展政务公开检查的通知", "各单位：请于月底前自查。"]))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "old-format.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # not a report: skipped
    db = tmp_path / "mixed.db"
    load = subprocess.run([*reportbot_cmd(), "load", "--db", str(db), str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 1
    failed = {line.split("失败：")[1].split(" — ")[0].rsplit("/", 1)[-1]: line
              for line in load.stderr.splitlines() if line.startswith("失败：")}
    assert set(failed) == {"truncated.pdf", "empty.docx", "locked.docx", "notice.html", "binary.txt",
                           "old-format.doc"}
    assert ".docx" in failed["old-format.doc"]
    assert "PDF" in failed["truncated.pdf"] and "Word" in failed["locked.docx"]
    assert "年度报告" in failed["notice.html"] and "空" in failed["empty.docx"]
    assert "已加载 2 个" in load.stdout
    ask = subprocess.run([*reportbot_cmd(), "ask", "--db", str(db), "2024年晋江依申请公开多少件"],
                         capture_output=True, text=True, timeout=120)
    assert ask.stdout.startswith("20件"), ask.stdout
