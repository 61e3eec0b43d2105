"""The daily closure screen (manager): ui/closure/page.py."""
