use entrait::entrait;

#[entrait(pub Log)]
unsafe extern "C" fn log(_deps: &impl core::fmt::Debug, _format: *const u8, _args: ...) {}

fn main() {}
