fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let pages = congvan::pdf::read(&bytes, &Default::default()).unwrap();
    for p in &pages {
        println!("=== page {} {}x{} glyphs {} rules {}", p.number, p.width, p.height, p.glyphs.len(), p.rules.len());
        let refs: Vec<_> = p.glyphs.iter().collect();
        for l in congvan::layout::lines(&refs) {
            println!("{:7.1} {:7.1} {:5.1} {}", l.x0, l.baseline, l.size, l.text);
        }
    }
}
