library(haven); write_sav(data.frame(id=c("1","2",""), Q1=c(1,5,NA), Q2=c(2,4,NA), Q3=c(3,3,NA), Q4=c(4,2,NA)), "input.sav")
