"""The monthly statistics (月报): each area contributes its figures through a
registered function (registry.py), the report sums them up the tree, a
submitted month is frozen (report.py), and exports (export.py)."""
