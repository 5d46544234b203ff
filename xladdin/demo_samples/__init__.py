"""Sample-report generators for ``xladdin demo``, one module per template kind (``<kind>.py`` with
``sample_reports(folder) -> list[Path]``): deterministic, invented values, Amazon's real file formats."""
