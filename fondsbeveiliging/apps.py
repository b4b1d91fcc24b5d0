from django.contrib.admin.apps import AdminConfig


class BackOfficeAdminConfig(AdminConfig):
    """Django's admin with our 2FA-enforcing site as the default site."""

    default_site = "fondsbeveiliging.admin_site.BackOfficeAdminSite"
