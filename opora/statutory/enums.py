from django.db import models


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", "Чернова"
    SUBMITTED = "submitted", "Подаден"


# Snapshot codes of the reports this app registers with reporting's snapshot registry.
OCCUPANCY = "occupancy"
ASP_DATA = "asp_data"
ANNUAL_REPORT = "annual_report"
STATUTORY_CODES = (OCCUPANCY, ASP_DATA, ANNUAL_REPORT)

# ЗСУ чл. 112, ал. 4: the annual report of a service goes to АКСУ by 31 March of the next year.
ANNUAL_DUE_MONTH = 3
ANNUAL_DUE_DAY = 31

# Years a report may be asked for: the service runs after 2020 (ЗСУ in force), nothing in the future.
FIRST_YEAR = 2000
