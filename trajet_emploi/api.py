"""The Wagtail API v2 router, mounted at ``/api/v2/`` (as in bakerydemo's ``api.py``).

- ``pages``: activities and visits with the agenda's filters (``events.api.AgendaPagesAPIViewSet``);
- ``images``, ``documents``: only what an anonymous visitor may see (``cms.api``).
"""

from wagtail.api.v2.router import WagtailAPIRouter

from cms.api import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet
from events.api import AgendaPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", AgendaPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
