"""Push reminders: the server's VAPID key and the viewer's push subscriptions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.domain.notices import subscriptions
from api.models.notifications import PushSubscription
from schema.common.context import Info


@strawberry.input
class PushSubscriptionInput:
    """What the browser's `PushSubscription.toJSON()` gives: endpoint and keys."""

    endpoint: str
    p256dh: str
    auth: str
    expiration_time: datetime | None = None


@strawberry.type(name="PushDevice")
class PushDeviceType:
    id: strawberry.ID
    endpoint: str
    created_at: datetime

    @classmethod
    def of(cls, row: PushSubscription) -> PushDeviceType:
        return cls(id=strawberry.ID(str(row.id)), endpoint=row.endpoint, created_at=row.created_at)


@strawberry.type
class NotificationsQuery:
    @strawberry.field(
        description="The applicationServerKey for PushManager.subscribe(): base64url of "
        "the server's uncompressed P-256 VAPID public key."
    )
    def vapid_public_key(self, info: Info) -> str:
        return info.context.vapid.public_key


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(
        description="Store this browser's push subscription for the signed-in account; "
        "the same endpoint again updates it. At most 10 devices: the oldest goes."
    )
    async def register_push_subscription(
        self, info: Info, input: PushSubscriptionInput
    ) -> PushDeviceType:
        row = await subscriptions.register_subscription(
            info.context.call,
            endpoint=input.endpoint,
            p256dh=input.p256dh,
            auth=input.auth,
            expiration_time=input.expiration_time,
        )
        return PushDeviceType.of(row)

    @strawberry.mutation(description="Forget the viewer's subscription; false if there was none.")
    async def unregister_push_subscription(self, info: Info, endpoint: str) -> bool:
        return await subscriptions.unregister_subscription(info.context.call, endpoint)
