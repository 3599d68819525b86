"""Printable documents, one module for every area.

An area (corrections, mediation, legal aid) defines its `DocumentKind`s and
supplies each document's wording as a `Content`; this package numbers it per
unit, kind and year (numbering.py), prints it as an A4 PDF with the CJK font
embedded (render.py), stores the bytes for good (issue.py) and hands them out
to whoever the area's scope lets read them (access.py).
"""
