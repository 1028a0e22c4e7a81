fn say_hello(deps: &impl FetchName, id: u32) -> String {
    todo!()
}
pub trait SayHello {
    fn say_hello(&self, id: u32) -> String;
}
impl<T: FetchName> SayHello for T {
    fn say_hello(&self, id: u32) -> String {
        say_hello(self, id)
    }
}
