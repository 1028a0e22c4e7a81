fn foo<D>(deps: &D) -> u32 {
    0
}
trait Foo {
    fn foo(&self) -> u32;
}
impl<T> Foo for T {
    fn foo(&self) -> u32 {
        foo(self)
    }
}
