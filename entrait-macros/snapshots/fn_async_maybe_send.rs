async fn return_rc(deps: &impl Db) -> Rc<i32> {
    todo!()
}
trait ReturnRc {
    fn return_rc(&self) -> impl ::core::future::Future<Output = Rc<i32>>;
}
impl<T: Db> ReturnRc for T {
    fn return_rc(&self) -> impl ::core::future::Future<Output = Rc<i32>> {
        return_rc(self)
    }
}
