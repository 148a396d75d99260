FROM alpine
COPY <<A <<B /dst/
alpha
A
beta
B
RUN cat 3<<FD3 <<-'Q' >/x
three $HOME
FD3
	q line
	Q
