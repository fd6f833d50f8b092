"""Issue 9: the fake Bot API answers only what PTB can read, as Telegram does."""
from __future__ import annotations

import pytest

from tests.fake_bot_checks import FakeDefect, check_result
from tests.fake_bot_state import BOT_USER, FakeState


def test_an_edit_that_removes_the_keyboard_answers_without_reply_markup() -> None:
    state = FakeState()
    keyboard = {"inline_keyboard": [[{"text": "👍", "callback_data": "v:1:1"}]]}
    sent = state.handle("sendMessage", {"chat_id": "1001", "text": "20件", "reply_markup": keyboard})
    check_result("sendMessage", sent)
    edited = state.handle("editMessageReplyMarkup", {"chat_id": "1001", "message_id": str(sent["message_id"])})
    assert "reply_markup" not in edited
    check_result("editMessageReplyMarkup", edited)


@pytest.mark.parametrize("result", [
    {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "reply_markup": {}},
    {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": None},
])
def test_results_ptb_cannot_read_fail_loudly(result: dict) -> None:
    with pytest.raises(FakeDefect):
        check_result("editMessageText", result)


def test_every_kind_of_result_the_fake_gives_is_readable() -> None:
    check_result("getMe", BOT_USER)
    check_result("getUpdates", [{"update_id": 1, "message": {"message_id": 1, "date": 0,
                                                             "chat": {"id": 1, "type": "private"}}}])
    check_result("editMessageText", True)  # an inline message's edit
    check_result("answerCallbackQuery", True)
