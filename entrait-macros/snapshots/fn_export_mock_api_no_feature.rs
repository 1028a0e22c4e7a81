fn foo<D>(deps: &D) -> u32 {
    0
}
#[::entrait::__private::unimock::unimock(
    prefix = ::entrait::__private::unimock,
    api = [FooMock],
    unmock_with = [foo]
)]
trait Foo {
    fn foo(&self) -> u32;
}
impl<T> Foo for ::entrait::Impl<T> {
    #[inline]
    fn foo(&self) -> u32 {
        foo(self)
    }
}
