#[cfg_attr(test, ::mockall::automock)]
pub trait Clock {
    fn now(&self) -> u64;
}
impl<T> Clock for ::entrait::Impl<T>
where
    T: Clock,
{
    fn now(&self) -> u64 {
        <T as Clock>::now(self)
    }
}
