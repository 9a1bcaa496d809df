"""``/api/v1/threads/`` (messages between connected people) and ``/api/v1/admin/message-reports/``."""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsHelixAdmin, IsSignedIn
from api.serializers.people import UUID, PersonSerializer, user_by_id
from cms.accounts.models import User
from plugins.messaging import actions, conf
from plugins.messaging.models import Message, MessageReport, Thread, ThreadParticipant

# --- serializers ------------------------------------------------------------------------------


class LastMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    preview = serializers.CharField()
    from_me = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class ThreadSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    other = serializers.SerializerMethodField(help_text='The other side; "deleted user" once erased.')
    is_open = serializers.BooleanField(help_text="False once the connection closed: read-only.")
    blocked_by_me = serializers.BooleanField()
    unread_count = serializers.IntegerField()
    last_message = LastMessageSerializer(allow_null=True)
    last_message_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(PersonSerializer)
    def get_other(self, row) -> dict:
        return PersonSerializer().to_representation(row["other"])


class MessageSerializer(serializers.ModelSerializer):
    sender = PersonSerializer(read_only=True, allow_null=True)
    from_me = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "sender", "from_me", "body", "created_at"]
        read_only_fields = fields

    def get_from_me(self, message) -> bool:
        return message.sender_id == self.context["request"].user.pk


def _body_field():
    return serializers.CharField(max_length=conf.get("message_max_length"), trim_whitespace=True)


class SendSerializer(serializers.Serializer):
    body = _body_field()


class NewThreadSerializer(SendSerializer):
    to = serializers.UUIDField(help_text="The user id of the person to write to.")


class ReadSerializer(serializers.Serializer):
    up_to = serializers.IntegerField(required=False, min_value=0, help_text="Default: the newest message.")


class ThreadReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    message = serializers.IntegerField(
        required=False, help_text="The message id, if one message is the problem."
    )


class MessagingSettingsSerializer(serializers.Serializer):
    email_notifications = serializers.BooleanField()
    include_text_in_email = serializers.BooleanField()


class MessageReportSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    thread = serializers.UUIDField(source="thread.public_id", read_only=True)
    reporter = PersonSerializer(read_only=True, allow_null=True)
    message = serializers.SerializerMethodField()

    class Meta:
        model = MessageReport
        fields = [
            "id",
            "thread",
            "reporter",
            "reason",
            "message",
            "status",
            "resolution",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields

    @extend_schema_field(MessageSerializer(allow_null=True))
    def get_message(self, report):
        if report.message is None:
            return None
        message = report.message
        reader = getattr(self.context.get("request"), "user", None)
        return {
            "id": message.pk,
            "body": message.body,
            "created_at": message.created_at,
            "sender": PersonSerializer().to_representation(message.sender),
            "from_me": message.sender_id == getattr(reader, "pk", None),
        }


class ResolutionSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=2000)


# --- views -----------------------------------------------------------------------------------

PREVIEW = 140


def thread_rows(user, sides) -> list[dict]:
    """Threads as the list shows them; a fixed number of queries for any number of threads."""
    sides = list(
        sides.select_related("thread").annotate(
            other_id=Case(
                When(thread__user_low_id=user.pk, then=F("thread__user_high_id")),
                default=F("thread__user_low_id"),
                output_field=IntegerField(),
            ),
            unread=Coalesce(
                Subquery(
                    Message.objects.filter(thread=OuterRef("thread"), id__gt=OuterRef("last_read_id"))
                    .exclude(sender=user)
                    .order_by()
                    .values("thread")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
            last_id=Subquery(
                Message.objects.filter(thread=OuterRef("thread")).order_by("-id").values("id")[:1]
            ),
        )
    )
    others = {u.pk: u for u in User.objects.filter(pk__in=[s.other_id for s in sides if s.other_id])}
    last = {m.pk: m for m in Message.objects.filter(pk__in=[s.last_id for s in sides if s.last_id])}
    rows = []
    for side in sides:
        message = last.get(side.last_id)
        rows.append(
            {
                "public_id": side.thread.public_id,
                "other": others.get(side.other_id),
                "is_open": side.thread.is_open,
                "blocked_by_me": side.blocked_at is not None,
                "unread_count": side.unread,
                "last_message": {
                    "id": message.pk,
                    "preview": message.body[:PREVIEW],
                    "from_me": message.sender_id == user.pk,
                    "created_at": message.created_at,
                }
                if message
                else None,
                "last_message_at": side.thread.last_message_at,
            }
        )
    return rows


class ThreadViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """One conversation per pair of connected people (any kind of connection)."""

    serializer_class = ThreadSerializer
    permission_classes = [IsSignedIn]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.is_authenticated:
            actions.touch(request.user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return Thread.objects.none()
        return Thread.objects.filter(participants__user=self.request.user)

    def _sides(self):
        return ThreadParticipant.objects.filter(user=self.request.user).order_by(
            F("thread__last_message_at").desc(nulls_last=True), "-pk"
        )

    def list(self, request):
        """My conversations, newest first, each with its unread count and last message."""
        page = self.paginate_queryset(self._sides())
        rows = thread_rows(
            request.user,
            ThreadParticipant.objects.filter(pk__in=[s.pk for s in page]).order_by(
                F("thread__last_message_at").desc(nulls_last=True), "-pk"
            ),
        )
        return self.get_paginated_response(ThreadSerializer(rows, many=True).data)

    def retrieve(self, request, id=None):
        thread = self.get_object()
        rows = thread_rows(request.user, ThreadParticipant.objects.filter(thread=thread, user=request.user))
        return Response(ThreadSerializer(rows[0]).data)

    @extend_schema(request=NewThreadSerializer, responses={201: MessageSerializer})
    def create(self, request):
        """Write to a connected person: opens our thread if there is none yet."""
        body = NewThreadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        recipient = user_by_id(body.validated_data["to"], "to")
        message = actions.send_message(request.user, body.validated_data["body"], recipient=recipient)
        data = MessageSerializer(message, context={"request": request}).data
        data["thread"] = str(message.thread.public_id)
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"],
        parameters=[
            OpenApiParameter(
                "after", OpenApiTypes.INT, description="Messages after this message id (oldest first)."
            ),
            OpenApiParameter(
                "before", OpenApiTypes.INT, description="Messages before this id (scrolling back)."
            ),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description="At most this many (default 50, at most 200)."
            ),
        ],
        responses=inline_serializer(
            "MessagePage",
            {
                "results": MessageSerializer(many=True),
                "next_after": serializers.IntegerField(allow_null=True),
                "has_more": serializers.BooleanField(),
            },
        ),
    )
    @extend_schema(methods=["post"], request=SendSerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, id=None):
        """Read the conversation with a cursor (``?after=`` the last id you have), or write in it."""
        thread = self.get_object()
        if request.method == "POST":
            body = SendSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            message = actions.send_message(request.user, body.validated_data["body"], thread=thread)
            return Response(MessageSerializer(message, context={"request": request}).data, status=201)
        try:
            limit = min(200, max(1, int(request.query_params.get("limit", 50))))
            after = request.query_params.get("after")
            before = request.query_params.get("before")
            after, before = (int(after) if after else None), (int(before) if before else None)
        except ValueError:
            raise serializers.ValidationError({"after": [_("Give a message id (a number).")]})
        messages = Message.objects.filter(thread=thread).select_related("sender")
        if after is not None:
            rows = list(messages.filter(id__gt=after).order_by("id")[: limit + 1])
            has_more = len(rows) > limit
            rows = rows[:limit]
        else:
            if before is not None:
                messages = messages.filter(id__lt=before)
            rows = list(messages.order_by("-id")[: limit + 1])
            has_more = len(rows) > limit
            rows = list(reversed(rows[:limit]))
        return Response(
            {
                "results": MessageSerializer(rows, many=True, context={"request": request}).data,
                "next_after": rows[-1].pk if rows else after,
                "has_more": has_more,
            }
        )

    @extend_schema(
        request=ReadSerializer,
        responses=inline_serializer("ReadUpTo", {"read_up_to": serializers.IntegerField()}),
    )
    @action(detail=True, methods=["post"])
    def read(self, request, id=None):
        """Mark the thread read (up to a message id, default the newest)."""
        body = ReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        up_to = actions.mark_read(self.get_object(), request.user, body.validated_data.get("up_to"))
        return Response({"read_up_to": up_to})

    @extend_schema(methods=["post", "delete"], request=None, responses={200: ThreadSerializer})
    @action(detail=True, methods=["post", "delete"])
    def block(self, request, id=None):
        """Block the other side (POST) or unblock them (DELETE). They are not told."""
        thread = self.get_object()
        actions.set_blocked(thread, request.user, request.method == "POST")
        rows = thread_rows(request.user, ThreadParticipant.objects.filter(thread=thread, user=request.user))
        return Response(ThreadSerializer(rows[0]).data)

    @extend_schema(request=ThreadReportSerializer, responses={201: MessageReportSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request, id=None):
        """Report the conversation (or one message) to the admins."""
        thread = self.get_object()
        body = ThreadReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = None
        if body.validated_data.get("message"):
            message = Message.objects.filter(pk=body.validated_data["message"], thread=thread).first()
            if message is None:
                raise serializers.ValidationError(
                    {"message": [_("This message is not in this conversation.")]}
                )
        report = actions.report_thread(thread, request.user, body.validated_data["reason"], message)
        return Response(MessageReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=MessagingSettingsSerializer)
    @extend_schema(
        methods=["put"], request=MessagingSettingsSerializer, responses=MessagingSettingsSerializer
    )
    @action(detail=False, methods=["get", "put"], url_path="settings")
    def messaging_settings(self, request):
        """E-mails about unread messages: on or off, and with or without the message text."""
        if request.method == "PUT":
            body = MessagingSettingsSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            prefs = actions.update_settings(request.user, **body.validated_data)
        else:
            prefs = actions.settings_of(request.user)
        return Response(MessagingSettingsSerializer(prefs).data)


class MessageReportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Admins: reported conversations, open ones first."""

    serializer_class = MessageReportSerializer
    permission_classes = [IsHelixAdmin]
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return MessageReport.objects.none()
        reports = MessageReport.objects.select_related("thread", "reporter", "message__sender").order_by(
            "status",
            "-created_at",  # "open" sorts before "resolved"
        )
        if self.request.query_params.get("status"):
            reports = reports.filter(status=self.request.query_params["status"])
        return reports

    @extend_schema(request=ResolutionSerializer, responses=MessageReportSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, id=None):
        """Close a report with what was done."""
        report = get_object_or_404(MessageReport, public_id=id)
        body = ResolutionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if report.status != MessageReport.Status.OPEN:
            raise exceptions.ValidationError({"status": [_("This report is resolved already.")]})
        report = actions.resolve_report(report, by=request.user, resolution=body.validated_data["resolution"])
        return Response(MessageReportSerializer(report).data)
