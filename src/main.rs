use crosscheck::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut d = vec![];
    let rules = rules::load(&["rules".into()], &mut d);
    for x in &d { eprint!("{}", x.render()); }
    if args.len() > 2 {
        let r = rules.get(&args[1]).unwrap();
        for p in &r.patterns { println!("{}", p.target.as_str()); }
        let t = crosscheck::source::normalize::fold_str(&args[2]);
        for v in crosscheck::extract::extract(&t, None) { println!("{:?} {}", v, &t[v.start..v.end]); }
        for f in matcher::match_text(&rules, &args[1], &args[2], calendar::Day::parse_iso("2025-11-07")) {
            println!("{:?} {} {}", f.key, f.origin, f.value.canonical());
        }
        return;
    }
    let srcs = source::load(&["seeds".into()], &mut d);
    let m = matcher::Matcher::new(&rules);
    for s in &srcs {
        for f in m.match_source(s) {
            println!("{} {} {:?} {} {} | {}", f.rule, f.source, f.key, f.origin, f.value.canonical(), f.quote.value_text());
        }
    }
}
