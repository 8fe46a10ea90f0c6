//! Housekeeping jobs: old read notifications are pruned, unread ones never.

use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use crate::both;
use crate::support::{Backend, TestApp};
use homeroom::db::entity::notification;
use homeroom::jobs::prune::{KEEP_READ_NOTIFICATIONS_MS, prune_read_notifications};

async fn old_read_notifications_are_pruned_and_unread_ones_kept(b: Backend) {
    let app = TestApp::spawn(b).await;
    let ada = app.user("ada@example.org", "Ada").await;
    let now = homeroom::time::now_ms();
    let old = now - KEEP_READ_NOTIFICATIONS_MS - 1;
    // (created, read): read long ago, read lately, never read (however old).
    for (subject, created, read) in
        [("read long ago", old - 10, Some(old)), ("read lately", old, Some(now - 1_000)), ("unread", old - 20, None)]
    {
        notification::ActiveModel {
            user_id: Set(ada.id),
            course_id: Set(None),
            kind: Set("reply".into()),
            actor_id: Set(None),
            subject: Set(subject.into()),
            link: Set("/".into()),
            created_at: Set(created),
            read_at: Set(read),
            emailed_at: Set(Some(created)),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
    }
    let pruned = prune_read_notifications(app.db(), now - KEEP_READ_NOTIFICATIONS_MS).await.unwrap();
    assert_eq!(pruned, 1);
    let mut left: Vec<String> =
        notification::Entity::find().all(app.db()).await.unwrap().into_iter().map(|n| n.subject).collect();
    left.sort();
    assert_eq!(left, ["read lately", "unread"]);
    // The badge still counts the unread one.
    let ada = app.signed_in("ada@example.org").await;
    let r = ada.get_json("/api/notifications/unread").await;
    r.assert_status(200).assert_contains("\"unread\":1");
}
both!(old_read_notifications_are_pruned_and_unread_ones_kept);
