"""factory-boy factories for plain rows. Where a rule applies (opening, activating,
holding), build through the service functions instead: see `tests/conftest.py`."""

from datetime import date

import factory

from engagements.models import Certification, Coach, Coachee, Organisation, Sponsor, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = User.Role.COACHEE
    password = factory.django.Password("correct horse battery")


class CoachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coach
        skip_postgeneration_save = True  # the certification below saves itself

    user = factory.SubFactory(UserFactory, role=User.Role.COACH)
    bio = "Executive coach."
    specialties = "leadership"
    capacity = 8
    # A coach takes engagements only with a certification in force: each factory coach holds one.
    certification = factory.RelatedFactory(
        "tests.factories.CertificationFactory", factory_related_name="coach",
        body="EMCC", level="Practitioner", number="", issued_on=date(2020, 1, 1), expires_on=None,
    )


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    coach = factory.SubFactory(CoachFactory)
    body = "ICF"
    level = factory.Sequence(lambda n: f"PCC-{n}")
    number = factory.Sequence(lambda n: f"ICF-{n:05d}")
    issued_on = date(2024, 1, 1)
    expires_on = date(2027, 1, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sponsor {n} Ltd")
    contact_name = factory.Faker("name")
    contact_email = factory.Sequence(lambda n: f"hr{n}@sponsor.example")


class CoacheeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coachee

    user = factory.SubFactory(UserFactory, role=User.Role.COACHEE)
    organisation = None
    job_title = "Team lead"


class SponsorFactory(factory.django.DjangoModelFactory):
    """A sponsor contact: a person of a sponsoring organisation who signs in (name them on
    an engagement through services.name_sponsor)."""

    class Meta:
        model = Sponsor

    user = factory.SubFactory(UserFactory, role=User.Role.SPONSOR)
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Head of people"
