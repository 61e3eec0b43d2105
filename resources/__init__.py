"""Data files shipped with Service Desk (translations, policies, printer profiles, fonts).

A package so that the files travel inside the wheel; use `desk.platform.paths.resources_dir()` to find it.
"""
