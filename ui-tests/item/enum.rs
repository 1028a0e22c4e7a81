use entrait::entrait;

#[entrait(pub Language)]
pub enum Language {
    English,
    Norwegian,
}

fn main() {}
