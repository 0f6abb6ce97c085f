# Issue 14: a complexity level with its reason replaces "is_complex" (Luật Tố cáo 2018 Điều 30);
# the identity-viewing log keeps the reason an administrator gives.

from django.db import migrations, models

# Rows marked complex before there were levels: the reason the law now asks for says so.
MIGRATED_REASON = "Đánh dấu “vụ việc phức tạp” trước khi có mức độ phức tạp."


def levels_from_flag(apps, schema_editor):
    """is_complex=True -> complex. A denunciation already extended twice was especially complex,
    one extended once at least complex (Điều 30), so its record stays valid."""
    Complaint = apps.get_model("complaints", "Complaint")
    Complaint.objects.filter(extensions__gte=2).update(complexity="especially_complex", complexity_reason=MIGRATED_REASON)
    Complaint.objects.filter(extensions__lt=2).filter(models.Q(is_complex=True) | models.Q(extensions=1)).update(
        complexity="complex", complexity_reason=MIGRATED_REASON)


def flag_from_levels(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Complaint.objects.exclude(complexity="simple").update(is_complex=True)


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="complexity",
            field=models.CharField(choices=[("simple", "Simple"), ("complex", "Complex"), ("especially_complex", "Especially complex")], default="simple", help_text="A complex complaint has a longer resolution deadline; a complex denunciation may be extended once, an especially complex one twice.", max_length=20, verbose_name="complexity"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="complexity_reason",
            field=models.TextField(blank=True, verbose_name="reason for the complexity"),
        ),
        migrations.AddField(
            model_name="historicalcomplaint",
            name="complexity",
            field=models.CharField(choices=[("simple", "Simple"), ("complex", "Complex"), ("especially_complex", "Especially complex")], default="simple", help_text="A complex complaint has a longer resolution deadline; a complex denunciation may be extended once, an especially complex one twice.", max_length=20, verbose_name="complexity"),
        ),
        migrations.AddField(
            model_name="historicalcomplaint",
            name="complexity_reason",
            field=models.TextField(blank=True, verbose_name="reason for the complexity"),
        ),
        migrations.RunPython(levels_from_flag, flag_from_levels),
        migrations.RemoveField(
            model_name="complaint",
            name="is_complex",
        ),
        migrations.RemoveField(
            model_name="historicalcomplaint",
            name="is_complex",
        ),
        migrations.AddField(
            model_name="identityaccesslog",
            name="reason",
            field=models.TextField(blank=True, verbose_name="reason"),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(condition=models.Q(("extensions", 0), models.Q(("complexity", "complex"), ("extensions__lte", 1)), models.Q(("complexity", "especially_complex"), ("extensions__lte", 2)), _connector="OR"), name="complaint_extensions_follow_complexity", violation_error_message="A simple case is not extended, a complex one once, an especially complex one twice (Luật Tố cáo 2018, Điều 30)."),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(condition=models.Q(("complexity", "simple"), models.Q(("complexity_reason", ""), _negated=True), _connector="OR"), name="complaint_complexity_has_reason", violation_error_message="Say why the case is complex."),
        ),
    ]
