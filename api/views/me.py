"""``/api/v1/me/``: the own account, profile, CV, picture, consents, export, erasure."""

from __future__ import annotations

from django.contrib.auth import logout
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.files import CV_DOWNLOAD_RESPONSES, cv_download
from api.parsers import JSONParser
from api.serializers.accounts import (
    ConsentGrantSerializer,
    ConsentHistorySerializer,
    ConsentStateSerializer,
    MeSerializer,
    UploadSerializer,
    consent_states,
)
from cms.accounts import actions
from cms.accounts.models import Consent, Role, TalentProfile, User
from cms.accounts.uploads import validate_cv, validate_image
from cms.errors import HelixError
from cms.gdpr import export_user


def _me_queryset():
    return User.objects.select_related(
        "talent_profile", "mentor_profile", "employer_profile"
    ).prefetch_related(
        "organisations",
        "talent_profile__sectors",
        "mentor_profile__sectors",
        "employer_profile__sectors",
    )


class MeView(APIView):
    """Read and edit the own account and the profile of one's role; ``DELETE`` erases it."""

    serializer_class = MeSerializer

    def get_object(self) -> User:
        return _me_queryset().get(pk=self.request.user.pk)

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request):
        return Response(MeSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(request=MeSerializer, responses=MeSerializer, operation_id="me_partial_update")
    def patch(self, request):
        serializer = MeSerializer(
            self.get_object(), data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        account, profile = serializer.changes()
        actions.update_profile(serializer.instance, account=account, profile=profile)
        return Response(MeSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="The account is erased and logged out.")},
        operation_id="me_destroy",
        description=(
            "Erase the account: every plugin erases or anonymises what it stores "
            "about the user, the account is anonymised and can no longer log in."
        ),
    )
    def delete(self, request):
        user = request.user
        actions.erase_account(user)
        if hasattr(request, "_request"):
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeExportView(APIView):
    """Everything Helix stores about the signed-in user, as one JSON document."""

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        operation_id="me_export",
        description="GDPR export, gathered from the core and every plugin's export_user_data.",
    )
    def get(self, request):
        response = Response(export_user(request.user))
        response["Content-Disposition"] = 'attachment; filename="helix-export.json"'
        return response


class MeCVView(APIView):
    """The talent's CV: download it, replace it (PDF or DOCX), or remove it."""

    parser_classes = [MultiPartParser, FormParser]

    def _profile(self, request) -> TalentProfile:
        if request.user.role != Role.TALENT:
            raise exceptions.PermissionDenied(_("Only talents have a CV."), code="role_not_allowed")
        return actions.ensure_profile(request.user)

    @extend_schema(
        responses=CV_DOWNLOAD_RESPONSES,
        operation_id="me_cv_download",
    )
    def get(self, request):
        profile = self._profile(request)
        if not profile.cv:
            raise exceptions.NotFound(_("You have not uploaded a CV yet."))
        return cv_download(profile, profile.cv.name.rsplit("/", 1)[-1])

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: MeSerializer},
        operation_id="me_cv_upload",
        description="Upload a CV (PDF or DOCX, checked by content, at most 5 MB).",
    )
    def put(self, request):
        self._profile(request)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            content_type = validate_cv(upload)
        except DjangoValidationError as exc:
            raise _file_error(exc)
        actions.store_cv(request.user, upload, content_type)
        user = _me_queryset().get(pk=request.user.pk)
        return Response(MeSerializer(user, context={"request": request}).data, status=201)

    @extend_schema(responses={204: None}, operation_id="me_cv_delete")
    def delete(self, request):
        self._profile(request)
        actions.delete_cv(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _file_error(exc: DjangoValidationError) -> HelixError:
    """An upload refused by its content: 400 with the check's own stable code."""
    return HelixError(exc.messages[0], code=exc.code, fields={"file": [exc.messages[0]]})


class MePictureView(APIView):
    """The profile picture: a photo (talents, mentors) or a logo (employers, organisations)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY}, operation_id="me_photo_download")
    def get(self, request):
        picture = actions.picture_of(request.user)
        if not picture:
            raise exceptions.NotFound(_("There is no picture yet."))
        return FileResponse(picture.open("rb"))

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: MeSerializer},
        operation_id="me_photo_upload",
        description="Upload a JPEG, PNG, WebP or GIF picture (checked by content, at most 3 MB).",
    )
    def put(self, request):
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            picture = validate_image(upload)  # the redrawn pixels, never the upload itself
        except DjangoValidationError as exc:
            raise _file_error(exc)
        if request.user.role == Role.ADMIN:
            raise exceptions.PermissionDenied(_("Admins have no profile picture."))
        actions.store_picture(request.user, picture)
        user = _me_queryset().get(pk=request.user.pk)
        return Response(MeSerializer(user, context={"request": request}).data, status=201)


class MeConsentsView(APIView):
    """The state of every consent and its history; grant one with ``POST``."""

    parser_classes = [JSONParser]

    @extend_schema(
        responses=inline_serializer(
            "ConsentOverview",
            {
                "consents": ConsentStateSerializer(many=True),
                "history": ConsentHistorySerializer(many=True),
            },
        ),
        operation_id="me_consents_list",
    )
    def get(self, request):
        history = Consent.objects.filter(user=request.user).order_by("-granted_at")
        return Response(
            {
                "consents": consent_states(request.user),
                "history": ConsentHistorySerializer(history, many=True).data,
            }
        )

    @extend_schema(
        request=ConsentGrantSerializer,
        responses={201: ConsentStateSerializer(many=True)},
        operation_id="me_consents_grant",
    )
    def post(self, request):
        serializer = ConsentGrantSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actions.grant_consent(request.user, serializer.validated_data["purpose"])
        return Response(consent_states(request.user), status=201)


class MeConsentDetailView(APIView):
    """Withdraw a consent; it takes effect at once."""

    @extend_schema(responses={200: ConsentStateSerializer(many=True)}, operation_id="me_consents_withdraw")
    def delete(self, request, purpose: str):
        if purpose not in Consent.Purpose.values:
            raise exceptions.NotFound(_("There is no consent purpose '%(purpose)s'.") % {"purpose": purpose})
        if purpose == Consent.Purpose.TERMS:
            raise exceptions.ValidationError(
                {"purpose": [_("The terms cannot be withdrawn; delete the account instead.")]}
            )
        actions.withdraw_consent(request.user, purpose)
        return Response(consent_states(request.user))
