"""Writers that turn report blocks into real HTML, PDF and DOCX files.

Used by the benchmark's format variants (`reportbot bench --format html|pdf`) and by the format
tests. `pdf` needs reportlab (the `bench` / `test` extras), `docx` python-docx.
"""
