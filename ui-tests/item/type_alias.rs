use entrait::entrait;

#[entrait(pub Names)]
pub type Names = Vec<String>;

fn main() {}
