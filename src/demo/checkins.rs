//! Check-ins in the demo course: the tutor's Thursday afternoons and Tuesday evenings
//! (for the students in the Americas), the TA's group office hours, two students booked
//! through the same code as the booking page, and one meeting last week with the
//! tutor's private note, which is also in the contact ledger.

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::booking::queries;
use crate::booking::rules::OfferForm;
use crate::db::entity::{booking, contact};

pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor: (i64, &str),
    ta: (i64, &str),
    students: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let tutor_form = OfferForm {
        day2: "18:00-19:30".into(),
        day4: "13:00-16:00".into(),
        exceptions: String::new(),
        place: "https://meet.example.org/flexible-tutor".into(),
        ..OfferForm::from_offer(None)
    };
    let ta_form = OfferForm {
        day1: "16:00-17:00".into(),
        length: "60".into(),
        buffer_after: "0".into(),
        capacity: "4".into(),
        place: "https://meet.example.org/flexible-office-hours".into(),
        ..OfferForm::from_offer(None)
    };
    for ((who, zone), form) in [(tutor, tutor_form), (ta, ta_form)] {
        let checked = form.check().map_err(|e| anyhow::anyhow!("demo check-ins: {e:?}"))?;
        queries::save_offer(txn, course_id, who, zone, &checked, now).await?;
    }
    let Some(offer) = queries::offer(txn, course_id, tutor.0).await? else { return Ok(()) };
    let topics = ["How to structure my first reflection", "I am falling behind: can we make a plan?"];
    for (i, (student, topic)) in students.iter().zip(topics).enumerate() {
        let open = queries::slots_of(
            &offer,
            &queries::taken(txn, &[tutor.0], now - 86_400_000, now + 40 * 86_400_000).await?,
            now,
        );
        let Some(slot) = open.get(i * 2) else { break };
        let uid = format!("demo-{course_id}-{i}");
        queries::take_place(txn, &offer, slot, *student, topic, (&uid, 0), now).await?;
    }
    // Last week's meeting, with the tutor's note.
    if let Some(student) = students.get(2) {
        let at = now - 6 * 86_400_000;
        let b = booking::ActiveModel {
            course_id: Set(course_id),
            staff_id: Set(tutor.0),
            student_id: Set(*student),
            starts_at: Set(at),
            ends_at: Set(at + 30 * 60_000),
            seat: Set(Some(0)),
            topic: Set("Combining the course with shift work".into()),
            status: Set("booked".into()),
            uid: Set(format!("demo-{course_id}-past")),
            sequence: Set(0),
            place: Set(offer.place.clone()),
            note: Set(Some("Works nights; agreed to post on weekends. Check in after week 4.".into())),
            follow_up: Set(None),
            created_at: Set(at - 3 * 86_400_000),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        contact::ActiveModel {
            course_id: Set(course_id),
            staff_id: Set(tutor.0),
            student_id: Set(*student),
            kind: Set("meeting".into()),
            at: Set(at),
            note: Set(b.note.clone()),
            follow_up: Set(None),
            source: Set("booking".into()),
            source_id: Set(Some(b.id)),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
