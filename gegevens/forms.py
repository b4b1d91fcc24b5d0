"""Forms of "Mijn gegevens": the profile and the e-mail change."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProfielForm(forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    correspondentie_adres = forms.CharField(
        label=_("Correspondentieadres (straat en huisnummer, of postbus)"),
        max_length=200,
        required=False,
        help_text=_(
            "Hier sturen wij brieven naartoe. Dit hoeft niet uw woonadres te zijn: het adres "
            "van het gemeentehuis of een postbus mag ook."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    correspondentie_postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$",
        max_length=7,
        required=False,
        error_messages={"invalid": _("Vul een postcode in zoals 1234 AB.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    correspondentie_plaats = forms.CharField(
        label=_("Plaats"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    telefoon = forms.RegexField(
        label=_("Telefoonnummer"),
        regex=r"^\+?[0-9 ()-]{8,20}$",
        max_length=20,
        required=False,
        help_text=_("Alleen voor vragen over uw aanvraag. Niet verplicht."),
        error_messages={"invalid": _("Vul een telefoonnummer in, bijvoorbeeld 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def clean_correspondentie_postcode(self):
        postcode = self.cleaned_data["correspondentie_postcode"].replace(" ", "").upper()
        return f"{postcode[:4]} {postcode[4:]}" if postcode else ""


class EmailWijzigenForm(forms.Form):
    email = forms.EmailField(
        label=_("Nieuw e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
