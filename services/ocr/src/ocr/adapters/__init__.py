"""Database and event encoding: the I/O side of OCR."""
