# live
