use entrait::entrait;

#[entrait]
pub trait Logger {
    unsafe extern "C" fn log(&self, format: *const u8, args: ...);
}

fn main() {}
