#[cfg_attr(
    test,
    ::entrait::__private::unimock::unimock(prefix = ::entrait::__private::unimock)
)]
pub trait Clock {
    fn now(&self) -> u64;
}
impl<T: Clock> Clock for ::entrait::Impl<T> {
    fn now(&self) -> u64 {
        <T as Clock>::now(self)
    }
}
