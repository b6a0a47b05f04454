"""``manage.py restore_media_acls``: after a bucket was restored (copied back without its ACLs), make images and
renditions public again and everything else (the documents) private, as ``cms.storage.MediaStorage`` uploads
them. Does nothing without ``AWS_STORAGE_BUCKET_NAME``."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from cms.storage import is_public


class Command(BaseCommand):
    help = "Set each media object's ACL: public-read for images and renditions, private for the rest."

    def handle(self, **options):
        if not settings.AWS_STORAGE_BUCKET_NAME:
            self.stdout.write("No bucket configured (AWS_STORAGE_BUCKET_NAME): nothing to do.")
            return
        location = default_storage.location.strip("/")
        prefix = f"{location}/" if location else ""
        counts = {"public-read": 0, "private": 0}
        for summary in default_storage.bucket.objects.filter(Prefix=prefix):
            name = summary.key[len(prefix) :]
            acl = "public-read" if is_public(name) else "private"
            summary.Object().Acl().put(ACL=acl)
            counts[acl] += 1
        self.stdout.write(f"{counts['public-read']} public object(s), {counts['private']} private object(s).")
