use entrait::entrait;

#[entrait(pub Bits)]
pub union Bits {
    pub int: u32,
    pub float: f32,
}

fn main() {}
