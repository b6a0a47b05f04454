"""Media on object storage (S3 or compatible), chosen by ``AWS_STORAGE_BUCKET_NAME`` (see the settings).

One bucket, two kinds of object:

- images (``original_images/``) and their renditions (``images/``) are public: uploaded with the ``public-read``
  ACL and linked by their plain bucket (or CDN, ``AWS_S3_CUSTOM_DOMAIN``) URL, so any app server, the CDN and the
  visitor's browser fetch them without going through Django;
- everything else, the documents above all (``documents/``), is private: uploaded with the ``private`` ACL and
  never given a public URL. Documents are served by Wagtail's ``serve_view`` (``WAGTAILDOCS_SERVE_METHOD``),
  which checks the collection's and the page's view restrictions, then streams the file from the bucket.
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_PREFIXES = ("original_images/", "images/")


def is_public(name):
    """Whether the media file ``name`` (relative to the media root) may be read by anyone: images only."""
    return clean_name(name).lstrip("/").startswith(PUBLIC_PREFIXES)


class MediaStorage(S3Storage):
    default_acl = "private"
    file_overwrite = False

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params["ACL"] = "public-read" if is_public(name) else "private"
        if is_public(name):
            params.setdefault("CacheControl", "public, max-age=31536000, immutable")
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public(name) and self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        params = dict(parameters or {}, Bucket=self.bucket.name, Key=self._normalize_name(clean_name(name)))
        if is_public(name):  # a plain, unsigned URL: the object is public-read
            connection = self.unsigned_connection
        else:  # a private object: only ever a short-lived signed URL of the bucket itself, never a CDN's
            connection = self.connection
        return connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire, HttpMethod=http_method
        )
