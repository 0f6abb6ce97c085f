"""Re-encrypt every complainant identity and every nominee's citizen ID number (with their
history rows) with the newest key of FIELD_ENCRYPTION_KEYS, and rewrite the nominees' blind index
(`Nominee.citizen_id_index`) under the newest key.

Rotation: 1. put the new key FIRST in FIELD_ENCRYPTION_KEYS, keeping the old keys after it;
2. deploy; 3. run this command; 4. remove the old keys. Prints counts only, never an identity.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from complaints.models import ComplainantIdentity

FIELDS = ["name", "address", "phone", "id_number"]


class Command(BaseCommand):
    help = "Re-encrypt complainants' identities with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        done = 0
        with transaction.atomic():
            # Loading decrypts with whichever key fits (MultiFernet); saving encrypts with the first.
            for identity in ComplainantIdentity.objects.select_for_update().order_by("pk").iterator():
                identity.save(update_fields=FIELDS)
                done += 1
            # Nominees: update() writes the value through the field, encrypted with the first key,
            # without adding a history row for a change that is not one; the blind index is rewritten
            # with the first key's index key too (look-ups match every key's index until then).
            from candidates.models import Nominee, citizen_id_blind_index

            nominees = 0
            for model in (Nominee, Nominee.history.model):
                key = model._meta.pk.name
                for pk, citizen_id in model.objects.select_for_update().values_list(key, "citizen_id").iterator():
                    index = {"citizen_id_index": citizen_id_blind_index(citizen_id)} if model is Nominee else {}
                    model.objects.filter(**{key: pk}).update(citizen_id=citizen_id, **index)
                    nominees += 1
        self.stdout.write(f"Re-encrypted {done} identities and {nominees} citizen ID numbers.")
