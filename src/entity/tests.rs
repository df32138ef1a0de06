//! The gazetteer on its own: forms, glue, overlaps, ambiguity, user lists.

use super::*;

fn one(phrase: &str) -> (String, Form) {
    match Gazetteer::builtin().lookup(phrase) {
        Lookup::One { code, form } => (code, form),
        other => panic!("{phrase}: {other:?}"),
    }
}

fn codes(text: &str) -> Vec<String> {
    let g = Gazetteer::builtin();
    let t = fold_str(text);
    let lower = lower_same_offsets(&t);
    g.mentions(&t, &lower)
        .iter()
        .map(|m| match &m.target {
            Target::One(e) => g.entity(*e).code.clone(),
            Target::Ambiguous(v) => {
                let c: Vec<&str> = v.iter().map(|e| g.entity(*e).code.as_str()).collect();
                format!("?{}", c.join("|"))
            }
        })
        .collect()
}

#[test]
fn names_and_adjectives_with_their_glue() {
    assert_eq!(one("Kazakhstan"), ("KZ".into(), Form::Name));
    assert_eq!(one("Israel's").0, "IL");
    assert_eq!(one("Kazakh"), ("KZ".into(), Form::Adjective));
    assert_eq!(one("وكازاخستان").0, "KZ");
    assert_eq!(one("لإسرائيل").0, "IL");
    assert_eq!(one("الإسرائيلية"), ("IL".into(), Form::Adjective));
    assert_eq!(one("والكازاخستانية"), ("KZ".into(), Form::Adjective));
    assert_eq!(one("للسعودية").0, "SA");
    assert_eq!(one("بالسعودية").0, "SA");
    assert_eq!(one("كازخستان").0, "KZ");
    assert_eq!(one("Astana"), ("KZ".into(), Form::Capital));
}

#[test]
fn the_longest_form_wins_and_words_stay_whole() {
    assert_eq!(
        codes("Papua New Guinea and Guinea-Bissau and Guinea"),
        ["PG", "GW", "GN"]
    );
    assert_eq!(codes("Niger and Nigeria"), ["NE", "NG"]);
    assert_eq!(codes("South Sudan, then Sudan"), ["SS", "SD"]);
    assert_eq!(codes("the Dominican Republic and Dominica"), ["DO", "DM"]);
    // Not inside other words, not in lower case.
    assert!(codes("Romania").iter().all(|c| c != "OM"));
    assert!(codes("we ate turkey").is_empty());
}

#[test]
fn ambiguous_and_weak_names() {
    assert_eq!(codes("Congo"), ["?CG|CD"]);
    // "مالي" is "financial" unless a cue makes it the country.
    assert!(codes("الدعم المالي").is_empty());
}

#[test]
fn user_entities_join_the_automaton() {
    let g = Gazetteer::new(&[UserEntity {
        kind: "company".into(),
        id: "elbit".into(),
        name: "Elbit Systems".into(),
        names: vec!["Elbit".into(), "إلبيت".into()],
        adjectives: vec![],
    }]);
    let t = fold_str("عقد مع إلبيت و Elbit Systems في إسرائيل");
    let lower = lower_same_offsets(&t);
    let ms = g.mentions(&t, &lower);
    let kinds: Vec<&str> = ms
        .iter()
        .map(|m| &*g.entity(m.entity().unwrap()).kind)
        .collect();
    assert_eq!(kinds, ["company", "company", "country"]);
}

#[test]
fn demonyms_in_the_plural() {
    assert_eq!(codes("Russians were again the largest group"), ["RU"]);
    assert_eq!(
        codes("around 52,000 Israelis visited Azerbaijan"),
        ["IL", "AZ"]
    );
}
