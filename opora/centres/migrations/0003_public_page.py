from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0002_security_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="centre",
            name="goals",
            field=models.TextField(blank=True, verbose_name="цели и задачи"),
        ),
        migrations.AddField(
            model_name="centre",
            name="how_to_apply",
            field=models.TextField(
                blank=True,
                help_text="Кой насочва към центъра и как човек може да се обърне сам.",
                verbose_name="как да ползвате услугите",
            ),
        ),
        migrations.AddField(
            model_name="centre",
            name="working_hours",
            field=models.CharField(
                blank=True,
                help_text="Напр. „понеделник – петък, 8:30 – 17:00“.",
                max_length=200,
                verbose_name="работно време",
            ),
        ),
        migrations.AddField(
            model_name="centre",
            name="location_note",
            field=models.CharField(
                blank=True,
                help_text="Ориентир към адреса.",
                max_length=300,
                verbose_name="как да ни намерите",
            ),
        ),
        migrations.AddField(
            model_name="centre",
            name="services_free_and_confidential",
            field=models.BooleanField(
                default=False,
                help_text="Отбележете само ако е вярно: тогава публичната страница го казва.",
                verbose_name="услугите са безплатни и поверителни",
            ),
        ),
    ]
