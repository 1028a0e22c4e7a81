#[cfg_attr(test, ::entrait::__unimock::unimock(prefix = ::entrait::__unimock))]
pub trait Clock {
    fn now(&self) -> u64;
}
impl<T: Clock> Clock for ::entrait::Impl<T> {
    fn now(&self) -> u64 {
        <T as Clock>::now(self)
    }
}
