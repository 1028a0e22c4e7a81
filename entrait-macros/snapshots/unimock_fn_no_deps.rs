fn add(a: i32, b: i32) -> i32 {
    a + b
}
#[cfg_attr(
    test,
    ::entrait::__mock::unimock(
        prefix = ::entrait::__mock,
        api = [AddMock],
        unmock_with = [add(a, b)]
    )
)]
trait Add {
    fn add(&self, a: i32, b: i32) -> i32;
}
impl<T> Add for ::entrait::Impl<T> {
    fn add(&self, a: i32, b: i32) -> i32 {
        add(a, b)
    }
}
