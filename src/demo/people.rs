//! The people of the demo course. Names, places and circumstances are written out by hand
//! so the class reads like a real one; which of them has done what is drawn from a fixed
//! seed in `seed.rs`, so every demo looks the same.

/// One demo person. Organisation and circumstances are used by later capabilities
/// (profiles, group matching); the foundation uses names, emails and time zones.
pub struct DemoPerson {
    pub name: &'static str,
    pub handle: &'static str,
    pub organisation: &'static str,
    pub time_zone: &'static str,
    pub circumstances: &'static [&'static str],
}

const fn p(
    name: &'static str,
    handle: &'static str,
    organisation: &'static str,
    time_zone: &'static str,
    circumstances: &'static [&'static str],
) -> DemoPerson {
    DemoPerson { name, handle, organisation, time_zone, circumstances }
}

pub const TUTOR: DemoPerson = p("Ingrid Solberg", "ingrid.solberg", "University of Bergen", "Europe/Oslo", &[]);
pub const TA: DemoPerson = p("Tomás Herrera", "tomas.herrera", "University of Bergen", "Europe/Madrid", &[]);

pub const STUDENTS: [DemoPerson; 36] = [
    p("Amara Okafor", "amara.okafor", "Lagos State Teaching Service", "Africa/Lagos", &["working full time", "parent"]),
    p("Lars Eriksen", "lars.eriksen", "Oslo Metropolitan University", "Europe/Oslo", &["working full time"]),
    p(
        "Mei Lin Chen",
        "meilin.chen",
        "National University of Singapore",
        "Asia/Singapore",
        &["first time studying online"],
    ),
    p("Jonas Becker", "jonas.becker", "Volkshochschule Köln", "Europe/Berlin", &["working part time", "caregiver"]),
    p("Priya Raman", "priya.raman", "Infosys Learning", "Asia/Kolkata", &["working full time", "parent"]),
    p("Siosaia Fifita", "siosaia.fifita", "Tonga Ministry of Education", "Pacific/Tongatapu", &["working full time"]),
    p("Hanna Virtanen", "hanna.virtanen", "University of Helsinki", "Europe/Helsinki", &["first time studying online"]),
    p("Diego Fernández", "diego.fernandez", "Universidad de Chile", "America/Santiago", &["working part time"]),
    p("Aisha Al-Mansouri", "aisha.almansouri", "Abu Dhabi University", "Asia/Dubai", &["parent"]),
    p("Kwame Mensah", "kwame.mensah", "Ghana Health Service", "Africa/Accra", &["working full time", "night shifts"]),
    p("Sofie Jensen", "sofie.jensen", "Aarhus Kommune", "Europe/Copenhagen", &["parent", "working part time"]),
    p("Ravi Patel", "ravi.patel", "NHS Education for Scotland", "Europe/London", &["working full time"]),
    p("Yuki Tanaka", "yuki.tanaka", "Osaka Kyoiku University", "Asia/Tokyo", &["first time studying online"]),
    p("Olumide Adeyemi", "olumide.adeyemi", "Lagos State Teaching Service", "Africa/Lagos", &["working full time"]),
    p("Marta Kowalska", "marta.kowalska", "Politechnika Warszawska", "Europe/Warsaw", &["caregiver"]),
    p("Nils Johansson", "nils.johansson", "Region Stockholm", "Europe/Stockholm", &["working full time", "parent"]),
    p("Leilani Kahale", "leilani.kahale", "University of Hawaiʻi", "Pacific/Honolulu", &["working part time"]),
    p(
        "Fatima Zahra Benali",
        "fatima.benali",
        "Université Mohammed V",
        "Africa/Casablanca",
        &["first time studying online", "parent"],
    ),
    p("Ethan Walker", "ethan.walker", "TAFE NSW", "Australia/Sydney", &["working full time"]),
    p("Camila Souza", "camila.souza", "Universidade de São Paulo", "America/Sao_Paulo", &["parent"]),
    p("Arjun Nair", "arjun.nair", "Kerala Startup Mission", "Asia/Kolkata", &["working full time"]),
    p("Emma O'Brien", "emma.obrien", "Dublin City University", "Europe/Dublin", &["working part time", "caregiver"]),
    p("Tane Walker", "tane.walker", "Te Pūkenga", "Pacific/Auckland", &["working full time", "parent"]),
    p("Nadia Haddad", "nadia.haddad", "American University of Beirut", "Asia/Beirut", &["first time studying online"]),
    p("Samuel Otieno", "samuel.otieno", "Kenya Red Cross", "Africa/Nairobi", &["working full time"]),
    p("Chloé Martin", "chloe.martin", "Université Laval", "America/Toronto", &["parent"]),
    p(
        "Hamid Rahimi",
        "hamid.rahimi",
        "Norwegian Refugee Council",
        "Europe/Oslo",
        &["working full time", "first time studying online"],
    ),
    p("Ingeborg Dahl", "ingeborg.dahl", "Oslo Metropolitan University", "Europe/Oslo", &["caregiver"]),
    p("Lucas Moreau", "lucas.moreau", "Orange Campus", "Europe/Paris", &["working full time"]),
    p(
        "Ana Lucía Quispe",
        "ana.quispe",
        "Pontificia Universidad Católica del Perú",
        "America/Lima",
        &["parent", "working part time"],
    ),
    p("Oliver Smith", "oliver.smith", "Open University", "Europe/London", &["retired"]),
    p("Zanele Dlamini", "zanele.dlamini", "University of Cape Town", "Africa/Johannesburg", &["working full time"]),
    p("Kai Müller", "kai.mueller", "Siemens Learning Campus", "Europe/Berlin", &["working full time", "parent"]),
    p("Grace Kim", "grace.kim", "Seattle Public Schools", "America/Los_Angeles", &["parent"]),
    p(
        "Rustam Karimov",
        "rustam.karimov",
        "Westminster International University in Tashkent",
        "Asia/Tashkent",
        &["first time studying online"],
    ),
    p("Astrid Nilsen", "astrid.nilsen", "Helse Bergen", "Europe/Oslo", &["night shifts"]),
];

/// A few people of another course, so that "a student of another course" exists.
pub const OTHER_COURSE: [DemoPerson; 3] = [
    p("Henrik Berg", "henrik.berg", "University of Bergen", "Europe/Oslo", &[]),
    p("Laila Ahmadi", "laila.ahmadi", "University of Bergen", "Europe/Oslo", &[]),
    p("Pedro Alves", "pedro.alves", "Universidade do Porto", "Europe/Lisbon", &[]),
];

pub const DOMAIN: &str = "demo.homeroom.test";

pub fn email(person: &DemoPerson) -> String {
    format!("{}@{DOMAIN}", person.handle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn demo_people_are_distinct_and_valid() {
        let all: Vec<&DemoPerson> = STUDENTS.iter().chain(OTHER_COURSE.iter()).chain([&TUTOR, &TA]).collect();
        let emails: HashSet<String> = all.iter().map(|p| email(p)).collect();
        assert_eq!(emails.len(), all.len());
        for p in all {
            assert!(crate::validate::Email::parse(&email(p)).is_ok(), "{}", p.handle);
            assert!(crate::time::is_known_zone(p.time_zone), "{}", p.time_zone);
        }
        let zones: HashSet<_> = STUDENTS.iter().map(|p| p.time_zone).collect();
        assert!(zones.len() > 20, "the class spans the world");
    }
}
