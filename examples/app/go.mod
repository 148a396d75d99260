module example.com/drydock-example

go 1.22
