"""The synthetic benchmark (`reportbot bench`): `agencies`, `data`, `text`, `questions` and
`generator` make reports and their questions, `analysis` the series / ranking / coverage questions,
`formats` and `writers` write the reports as HTML, PDF or DOCX, `run` loads, asks and measures.
"""
