"""What the other apps hear of an engagement's life, without this app importing them."""

from django.dispatch import Signal

# An engagement has ended (closed, declined or cancelled), sent inside the transaction that
# ended it, with `engagement`, `by` and the `reason` given: what hangs on the engagement
# elsewhere (its sessions still scheduled) ends with it, in the same transaction.
engagement_ended = Signal()

# A person joined or left an engagement already under way (a co-coach named or taken off),
# sent inside that transaction, with `engagement`, `person` (a User), `joined` and `by`:
# what they were invited to (its sessions still to come) follows them.
participant_changed = Signal()
