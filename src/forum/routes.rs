//! The addresses of the spaces. Every handler asks the policy before anything else.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use super::actions::*;
use super::pages::{history, index, reports, search_page, space_page, thread_page};
use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/spaces", get(index).post(create_space))
        .route("/courses/{course_id}/spaces/search", get(search_page))
        .route("/courses/{course_id}/spaces/read-all", post(read_all))
        .route("/courses/{course_id}/spaces/starters", post(save_starters))
        // A post form answers at its page's own address (a refused form comes back there).
        .route("/courses/{course_id}/spaces/{space_id}", get(space_page).post(start_thread).layer(files_ok()))
        .route("/courses/{course_id}/spaces/{space_id}/edit", post(edit_space))
        .route("/courses/{course_id}/spaces/{space_id}/move", post(move_space))
        .route("/courses/{course_id}/spaces/{space_id}/archive", post(archive_space))
        .route("/courses/{course_id}/spaces/{space_id}/threads", post(start_thread).layer(files_ok()))
        .route("/courses/{course_id}/threads/{thread_id}", get(thread_page).post(reply).layer(files_ok()))
        .route("/courses/{course_id}/threads/{thread_id}/reply", post(reply).layer(files_ok()))
        .route("/courses/{course_id}/threads/{thread_id}/pin", post(pin))
        .route("/courses/{course_id}/threads/{thread_id}/lock", post(lock))
        .route("/courses/{course_id}/posts/{post_id}/edit", get(edit_form).post(edit_post).layer(files_ok()))
        .route("/courses/{course_id}/posts/{post_id}/history", get(history))
        .route("/courses/{course_id}/posts/{post_id}/delete", post(delete_post))
        .route("/courses/{course_id}/posts/{post_id}/react", post(react))
        .route("/courses/{course_id}/posts/{post_id}/answer", post(mark_answer))
        .route("/courses/{course_id}/posts/{post_id}/report", post(report))
        .route("/courses/{course_id}/posts/{post_id}/hide", post(hide))
        .route("/courses/{course_id}/posts/{post_id}/restore", post(restore))
        .route("/courses/{course_id}/reports", get(reports))
        .route("/courses/{course_id}/reports/{report_id}/dismiss", post(dismiss))
}

/// Post forms may carry attachments: the streaming limits per file apply instead of the
/// global form limit (plain forms keep it, see `attachments::Body`).
fn files_ok() -> DefaultBodyLimit {
    DefaultBodyLimit::disable()
}
