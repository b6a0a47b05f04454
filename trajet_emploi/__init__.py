"""The project package: settings, URL map, WSGI entry point, API router, base templates and site static.

It wires the apps together; no app imports it.
"""
