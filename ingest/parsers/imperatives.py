"""How a follow-up is worded: "would be circulated" → "Circulate", "agreed to share" ↔ "shared".

The imperative starts the stored action's text; the past participle is the verb's
identity when the same commitment is found twice (in the discussion and in the resolution).
"""

from __future__ import annotations

IMPERATIVE = {
    "circulated": "Circulate",
    "distributed": "Distribute",
    "emailed": "Email",
    "e-mailed": "Email",
    "forwarded": "Forward",
    "fed back": "Feed back",
    "shared": "Share",
    "sent": "Send",
    "provided": "Provide",
    "presented": "Present",
    "brought": "Bring",
    "reported": "Report",
    "submitted": "Submit",
    "made available": "Make available",
    "arranged": "Arrange",
    "added": "Add",
    "scheduled": "Schedule",
    "given": "Give",
    "completed": "Complete",
    "published": "Publish",
    "finalised": "Finalise",
    "finalized": "Finalise",
    "updated": "Update",
    "reviewed": "Review",
    "developed": "Develop",
    "produced": "Produce",
    "prepared": "Prepare",
    "drafted": "Draft",
    "refreshed": "Refresh",
    "undertaken": "Undertake",
    "implemented": "Implement",
    "delivered": "Deliver",
    "displayed": "Display",
}


def past_tense(verb: str) -> str:
    return {
        "circulate": "circulated",
        "provide": "provided",
        "share": "shared",
        "send": "sent",
        "forward": "forwarded",
        "report back": "reported",
        "report": "reported",
        "bring": "brought",
        "present": "presented",
        "feed back": "fed back",
        "feedback": "fed back",
    }.get(verb, verb)
