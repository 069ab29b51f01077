//! Feeds arbitrary bytes to the JSON importer on an in-memory journal that
//! already holds a person, as a dry run and for real. It must never panic;
//! a dry run must write nothing and agree with the real import; after a
//! refusal the journal must be exactly as it was; and a file that imported
//! once must change nothing when imported again.

#![no_main]

use candor_core::store::people::{self, PersonInput};
use candor_core::{transfer, Store};
use libfuzzer_sys::fuzz_target;

const EXPORTED_AT: &str = "2026-11-29T12:00:00.000Z";

fuzz_target!(|data: &[u8]| {
    let store = Store::open_in_memory().expect("an in-memory journal opens");
    let conn = store.conn();
    people::create(
        conn,
        &PersonInput {
            name: "Already here".into(),
            ..Default::default()
        },
    )
    .expect("a person is added");
    let snapshot = || transfer::export_json(conn, EXPORTED_AT).expect("the journal exports");
    let before = snapshot();

    let dry = transfer::import_json(conn, data, true);
    assert_eq!(snapshot(), before, "a dry run writes nothing");
    match transfer::import_json(conn, data, false) {
        Ok(report) => {
            assert_eq!(
                dry.map(|d| d.kinds).ok(),
                Some(report.kinds),
                "the dry run predicts the import"
            );
            let again = transfer::import_json(conn, data, false)
                .expect("a file that imported once imports again");
            assert_eq!(
                (again.added(), again.updated()),
                (0, 0),
                "re-import changes nothing"
            );
        }
        Err(_) => {
            assert!(dry.is_err(), "the dry run refuses what the import refuses");
            assert_eq!(snapshot(), before, "a refused import writes nothing");
        }
    }
});
