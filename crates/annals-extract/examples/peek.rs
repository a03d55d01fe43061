fn main() {
    let path = std::env::args().nth(1).unwrap();
    let html = std::fs::read_to_string(path).unwrap();
    let r = trafilatura::extract(&html, &trafilatura::Options::default().with_fallback(true)).unwrap();
    println!("{}", r.content_html);
}
